import { extname, isAbsolute, resolve } from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { BrandConfig } from '../config/config.ts';

/**
 * The bank's brand on the customer faces (issue 15 §4): pure functions from the configuration to
 * what the web app is told, the stylesheet of its colours and where its logo comes from.
 */

/** The demo bank's name (seed 001: "GRUPO CAJAMAR | Recuperar contraseña"). */
export const DEMO_BRAND_NAME = 'GRUPO CAJAMAR';
/** The demo's text-only wordmark, shipped with the web app (web/public/brand/demo-wordmark.svg). */
export const DEMO_WORDMARK = '/brand/demo-wordmark.svg';

/** Image types a logo file may have, with the content type it is served with. */
export const LOGO_TYPES: Readonly<Record<string, string>> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** Where the logo comes from: a file served here, an https:// address, the demo's wordmark or none. */
export type LogoSource = { kind: 'file'; path: string; ext: string } | { kind: 'url'; url: string } | { kind: 'none' };

/** The logo as configured (see `brand.logo`): `none` means the name in text. */
export function logoSource(brand: Pick<BrandConfig, 'logo' | 'name'>): LogoSource {
  const logo = brand.logo?.trim();
  if (!logo) return brand.name === DEMO_BRAND_NAME ? { kind: 'url', url: DEMO_WORDMARK } : { kind: 'none' };
  if (/^https:\/\//i.test(logo)) return { kind: 'url', url: logo };
  const ext = extname(logo).toLowerCase();
  return { kind: 'file', path: isAbsolute(logo) ? logo : resolve(logo), ext };
}

/** The address the pages load the logo from; null when the name is shown in text. */
export function logoUrl(source: LogoSource): string | null {
  if (source.kind === 'none') return null;
  return source.kind === 'url' ? source.url : `/brand/logo${source.ext}`;
}

/** The origin an https:// logo is loaded from, for the pages' `img-src`; none for a file here. */
export function logoOrigin(brand: Pick<BrandConfig, 'logo' | 'name'>): string | null {
  const source = logoSource(brand);
  return source.kind === 'url' && /^https:/i.test(source.url) ? new URL(source.url).origin : null;
}

/** The help line in E.164, or null when it is not a valid number. */
export function helpPhoneE164(raw: string): string | null {
  const phone = parsePhoneNumberFromString(raw.trim(), 'ES');
  return phone?.isValid() ? phone.number : null;
}

/**
 * The help line as customers dial it: a Spanish number in the three groups of three seed 001 uses
 * ("950 183 313"), any other in international form.
 */
export function helpPhoneDisplay(e164: string): string {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  const national = String(phone.nationalNumber);
  if (phone.countryCallingCode === '34' && national.length === 9) return national.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
  return phone.formatInternational();
}

/** WCAG 2.2 relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.2 contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The page background the customer faces draw on (web/src/styles/base.css `--bg`). */
export const PAGE_BACKGROUND = '#f3f5f8';
/** WCAG 2.2 AA for normal text. */
export const MIN_CONTRAST = 4.5;

/** What is wrong with the brand, as a configuration key and a message; null when nothing is. */
export function brandProblem(brand: BrandConfig, fileExists: (path: string) => boolean): { key: string; message: string } | null {
  if (!helpPhoneE164(brand.helpPhone)) return { key: 'brand.helpPhone (BRAND_HELP_PHONE)', message: `"${brand.helpPhone}" is not a valid phone number` };
  const { primary, onPrimary } = brand.colors;
  const onPage = contrastRatio(primary, PAGE_BACKGROUND);
  if (onPage < MIN_CONTRAST) return { key: 'brand.colors.primary (BRAND_PRIMARY_COLOR)', message: `${primary} has a contrast of ${onPage.toFixed(2)}:1 against the page background ${PAGE_BACKGROUND}; headings and buttons need at least ${MIN_CONTRAST}:1` };
  const onBand = contrastRatio(onPrimary, primary);
  if (onBand < MIN_CONTRAST) return { key: 'brand.colors.onPrimary (BRAND_ON_PRIMARY_COLOR)', message: `${onPrimary} on ${primary} has a contrast of ${onBand.toFixed(2)}:1; text needs at least ${MIN_CONTRAST}:1` };
  const logo = brand.logo?.trim();
  if (logo && /^[a-z][a-z0-9+.-]*:/i.test(logo) && !/^https:\/\//i.test(logo)) return { key: 'brand.logo (BRAND_LOGO)', message: 'an address must be https://, or give a file path' };
  const source = logoSource(brand);
  if (source.kind === 'file') {
    if (!LOGO_TYPES[source.ext]) return { key: 'brand.logo (BRAND_LOGO)', message: `a logo file must be ${Object.keys(LOGO_TYPES).join(', ')}` };
    if (!fileExists(source.path)) return { key: 'brand.logo (BRAND_LOGO)', message: `file not found: ${source.path}` };
  }
  return null;
}

/** The stylesheet of the brand's colours (`GET /brand.css`): custom properties only, from checked `#rrggbb` values. */
export function brandCss(colors: BrandConfig['colors']): string {
  return `:root{--brand-primary:${colors.primary};--brand-on-primary:${colors.onPrimary};--brand-accent:${colors.accent};}\n`;
}

/** What the web app is told about the site (`GET /api/site`). */
export interface SiteInfo {
  /** Dev mode: the demo menu is shown (out of the way) and the dev faces exist. */
  dev: boolean;
  brand: {
    name: string;
    /** Where the logo is loaded from; null: the name is shown in text. */
    logoUrl: string | null;
    helpPhone: { e164: string; display: string };
    /** The configured footer texts by language; a language without one uses the catalogue's words. */
    legal: { es?: string; en?: string };
    security: { es?: string; en?: string };
  };
}

/** The site information of `config` (checked at start, so the help line parses). */
export function siteInfo(config: { dev: boolean; brand: BrandConfig }): SiteInfo {
  const { brand } = config;
  const e164 = helpPhoneE164(brand.helpPhone) ?? brand.helpPhone;
  return {
    dev: config.dev,
    brand: {
      name: brand.name,
      logoUrl: logoUrl(logoSource(brand)),
      helpPhone: { e164, display: helpPhoneDisplay(e164) },
      legal: { ...brand.legal },
      security: { ...brand.security },
    },
  };
}
