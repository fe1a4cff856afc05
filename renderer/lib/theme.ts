import type { Theme } from '../../main/core/model/settings'
import { invoke } from './api'

/**
 * Apply a theme: `data-theme` on <html>, which base.css reads ("system" follows the OS through
 * `prefers-color-scheme`).
 */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme
}

/**
 * Read the saved theme once and apply it (at startup, before any case is open).
 *
 * A failure leaves the system theme: a missing setting must never keep the app from starting.
 */
export async function applySavedTheme(): Promise<void> {
  const settings = await invoke('settings:get')
  applyTheme(settings.ok ? settings.value.theme : 'system')
}
