import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeEachDatabase, freshDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { importRecords } from './import.ts';
import { parseImportCsv, parseImportJson } from './parse.ts';
import { MANAGER, OFFICE, testDeps } from './test-support.ts';

const CSV = [
  'externalId;kind;documentType;documentNumber;name;mobile;landline;email;officeCode;managerId;locale;cardPan;cardPin;userCode;password;temporary;phoneUserCode;phonePin',
  'C1;person;DNI;45123987B;María García López;612345331;950123456;maria@example.com;0123;G1;es;4517812000012340;2468;MGARCIA01;Maria.Demo2026;no;MGARCIAT1;4071',
  'C2;person;DNI;27846513X;Antonio Martínez;634902118;;antonio@example.com;0123;;;4517812000087656;3690;;;;;',
  '"C3";person;NIE;X4172839H;"O\'Connor; James";622481907;;james@example.com;0123;;en;;;;;;;',
].join('\n');

describe('import file parsing', () => {
  it('turns a CSV row into a nested record, leaving empty cells out', () => {
    const { customers } = parseImportCsv(CSV);
    expect(customers).toHaveLength(3);
    expect(customers![0]).toEqual({
      externalId: 'C1', kind: 'person', document: { type: 'DNI', number: '45123987B' }, name: 'María García López',
      mobile: '612345331', landline: '950123456', email: 'maria@example.com', officeCode: '0123', managerId: 'G1', locale: 'es',
      cards: [{ pan: '4517812000012340', pin: '2468' }],
      onlineBanking: { userCode: 'MGARCIA01', password: 'Maria.Demo2026', temporary: false },
      phoneBanking: { userCode: 'MGARCIAT1', pin: '4071' },
    });
    expect(customers![2]).toMatchObject({ name: "O'Connor; James", locale: 'en' });
    expect(customers![2]).not.toHaveProperty('cards');
  });

  it('refuses unknown columns and unreadable files with a clear message', () => {
    expect(() => parseImportCsv('externalId,nombre\nC1,x')).toThrow(/unknown columns: nombre/);
    expect(() => parseImportCsv('kind\nperson')).toThrow(/externalId column is required/);
    expect(() => parseImportCsv('externalId,kind\nC1,person,extra')).toThrow(/CSV file cannot be read/);
  });

  it('reads both JSON shapes and refuses others', () => {
    expect(parseImportJson('[{"externalId":"C1"}]')).toEqual({ customers: [{ externalId: 'C1' }] });
    expect(parseImportJson('{"offices":[],"customers":[]}')).toEqual({ offices: [], customers: [] });
    expect(() => parseImportJson('{"offices":{}}')).toThrow(/offices must be an array/);
    expect(() => parseImportJson('{nope')).toThrow(/not valid JSON/);
    expect(() => parseImportJson('[{"pan": 4517812000012340 x}]')).toThrow(/^the file is not valid JSON \(at position \d+/);
    expect(() => parseImportJson('[{"pan": 4517812000012340 x}]')).not.toThrow(/4517/);
    expect(() => parseImportJson('42')).toThrow(/expected an object/);
  });
});

describeEachDatabase('CSV import', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await freshDatabase(backend);
  });
  afterEach(() => database.drop());

  it('imports the good rows, reports the bad one and is idempotent', async () => {
    await importRecords(database.db, testDeps(), { offices: [OFFICE], managers: [MANAGER] });
    const first = await importRecords(database.db, testDeps(), parseImportCsv(CSV));
    expect(first).toMatchObject({ created: 2, errors: [{ index: 1, externalId: 'C2', field: 'document.number' }] });
    const c1 = await database.db.selectFrom('customers').selectAll().where('external_id', '=', 'C1').executeTakeFirstOrThrow();
    expect(c1).toMatchObject({ mobile: '+34612345331', landline: '+34950123456', manager_id: 'G1' });
    const second = await importRecords(database.db, testDeps(), parseImportCsv(CSV));
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });
});
