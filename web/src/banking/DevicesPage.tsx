import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { bankingApi, type BankingSession, type Device } from './api.ts';
import { CodeForm } from './CodeForm.tsx';
import { errorText } from './errors.ts';
import { Field, FormError } from './Field.tsx';
import { formatDateTime } from './format.ts';
import { SignedIn } from './SignedIn.tsx';
import { deviceStatusText, platformText } from './labels.ts';

/** `/banking/devices`: the mobile-signature devices (FIRMOV) and linking a new one with an SMS code. */
export function DevicesPage() {
  const { t } = useLocale();
  return <SignedIn title={t('web.bank.devices.title')}>{(session) => <Devices session={session} />}</SignedIn>;
}

function Devices({ session }: { session: BankingSession }) {
  const { t, locale } = useLocale();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<Device | null>(null);
  const [linked, setLinked] = useState<string | null>(null);

  const load = useCallback(() => {
    bankingApi.devices().then(
      (body) => setDevices(body.devices),
      (err: unknown) => setLoadError(err),
    );
  }, []);
  useEffect(load, [load]);

  const confirm = async (code: string) => {
    if (!confirming) return;
    const { device } = await bankingApi.confirmDevice(confirming.id, code);
    setConfirming(null);
    setLinked(device.name);
    load();
  };

  return (
    <>
      <p className="lead">{t('web.bank.devices.lead')}</p>
      {linked && <p className="notice notice--success" role="status">{t('web.bank.devices.linked', { name: linked })}</p>}
      <section className="panel bank-section" aria-labelledby="devices-heading">
        <h2 id="devices-heading">{t('web.bank.devices.list')}</h2>
        {loadError ? (
          <p className="notice notice--error" role="alert">{errorText(t, loadError)}</p>
        ) : devices === null ? (
          <p className="muted">{t('web.bank.loading')}</p>
        ) : devices.length === 0 ? (
          <p>{t('web.bank.devices.none')}</p>
        ) : (
          <div className="bank-table-wrap">
            <table className="bank-table">
              <caption className="visually-hidden">{t('web.bank.devices.list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.bank.devices.name')}</th>
                  <th scope="col">{t('web.bank.devices.platform')}</th>
                  <th scope="col">{t('web.bank.devices.linkedAt')}</th>
                  <th scope="col">{t('web.bank.devices.status')}</th>
                </tr>
              </thead>
              <tbody>
                {devices.map((d) => (
                  <tr key={d.id}>
                    <td>{d.name}</td>
                    <td>{platformText(t, d.platform)}</td>
                    <td>{formatDateTime(d.linkedAt, locale)}</td>
                    <td>
                      <span className={`bank-status bank-status--device-${d.status}`}>{deviceStatusText(t, d.status)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {session.profile === 'full' &&
        (confirming ? (
          <section className="panel bank-section" aria-labelledby="confirm-heading">
            <h2 id="confirm-heading">{t('web.bank.devices.confirm.title', { name: confirming.name })}</h2>
            <CodeForm id="device-code" label={t('web.bank.devices.confirm.code')}
              prompt={t('web.bank.devices.confirm.prompt', { ending: session.mobileEnding ?? '' })}
              submitLabel={t('web.bank.devices.confirm.submit')} onSubmit={confirm} />
          </section>
        ) : (
          <AddDevice onAdded={(device) => { setLinked(null); setConfirming(device); load(); }} />
        ))}
    </>
  );
}

function AddDevice({ onAdded }: { onAdded: (device: Device) => void }) {
  const { t } = useLocale();
  const [name, setName] = useState('');
  const [platform, setPlatform] = useState<'android' | 'ios'>('android');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    if (!name.trim()) {
      setError(t('web.bank.required'));
      document.getElementById('device-name')?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const { device } = await bankingApi.addDevice(name.trim(), platform);
      onAdded(device);
    } catch (err) {
      setFormError(errorText(t, err));
      setBusy(false);
    }
  };
  return (
    <section className="panel bank-section" aria-labelledby="add-heading">
      <h2 id="add-heading">{t('web.bank.devices.add')}</h2>
      <form className="bank-form bank-form--plain" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="device-name" label={t('web.bank.devices.deviceName')} hint={t('web.bank.devices.deviceName.hint')} value={name}
          error={error} maxLength={60} autoComplete="off" required onChange={(e) => setName(e.target.value)} />
        <fieldset className="bank-radios">
          <legend>{t('web.bank.devices.platform')}</legend>
          {(['android', 'ios'] as const).map((p) => (
            <label key={p}>
              <input type="radio" name="platform" value={p} checked={platform === p} onChange={() => setPlatform(p)} />
              {platformText(t, p)}
            </label>
          ))}
        </fieldset>
        <FormError message={formError} />
        <div className="bank-actions">
          <button type="submit" className="button" disabled={busy}>
            {t('web.bank.devices.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
