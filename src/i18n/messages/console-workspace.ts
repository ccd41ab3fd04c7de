import type { Text } from '../catalogue.ts';

/**
 * The agent's workspace (issue 15 §1): the queue beside the case, several cases open in tabs, and
 * the keys that reach every step of a call.
 */
export const consoleWorkspaceMessages: Record<string, Text> = {
  'console.tabs.label': { es: 'Casos abiertos', en: 'Open cases' },
  'console.tabs.case': { es: '{name} · caso {number}', en: '{name} · case {number}' },
  'console.tabs.loading': { es: 'Caso (cargando…)', en: 'Case (loading…)' },
  'console.tabs.unavailable': { es: 'Caso no disponible', en: 'Case not available' },
  'console.tabs.close': { es: 'Cerrar la pestaña de {label}', en: 'Close the tab of {label}' },
  'console.tabs.hint': {
    es: 'Cada caso abierto guarda lo que estaba a medias. [ y ] cambian de caso; Supr cierra la pestaña enfocada.',
    en: 'Each open case keeps what was half done. [ and ] switch cases; Delete closes the focused tab.',
  },
  'console.workspace.queue': { es: 'Cola', en: 'Queue' },
  'console.workspace.case': { es: 'Caso', en: 'Case' },
  'console.workspace.customer': { es: 'Cliente', en: 'Customer' },
  'console.workspace.call': { es: 'Llamada y protocolo', en: 'Call and playbook' },
  'console.workspace.onScreen': { es: 'En pantalla', en: 'On screen' },
  'console.keys.prevTab': { es: 'Caso abierto anterior (pestaña)', en: 'Previous open case (tab)' },
  'console.keys.nextTab': { es: 'Caso abierto siguiente (pestaña)', en: 'Next open case (tab)' },
  'console.keys.close': { es: 'Ir al cierre del caso (categoría y comentarios)', en: 'Go to closing the case (category and comments)' },
};
