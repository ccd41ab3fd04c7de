type Translate = (id: string, params?: Record<string, string | number>) => string;

/** The name of a line of the flow (literal ids, so the catalogue check sees each one). */
export function lineName(t: Translate, key: string): string {
  switch (key) {
    case 'unlock':
      return t('web.phone.line.unlock');
    case 'support':
      return t('web.phone.line.support');
    case 'onlineBanking':
      return t('web.phone.line.onlineBanking');
    case 'phoneBanking':
      return t('web.phone.line.phoneBanking');
    case 'blockedOperation':
      return t('web.phone.line.blockedOperation');
    case 'signature':
      return t('web.phone.line.signature');
    case 'signingCode':
      return t('web.phone.line.signingCode');
    default:
      return key;
  }
}
