import { useState } from 'react'
import type { AppSettings, Theme } from '../../../main/core/model/settings'
import { invoke } from '../../lib/api'
import { applyTheme } from '../../lib/theme'
import { SaveStatus } from './SaveStatus'
import { useSave } from './use-save'

/** Props of {@link AppearanceSettings}. */
export interface AppearanceSettingsProps {
  readonly settings: AppSettings
  readonly onSettingsSaved: (settings: AppSettings) => void
}

// The renderer's copy of THEMES (it imports only types from main).
const THEMES: readonly Theme[] = ['system', 'light', 'dark']

const THEME_LABELS: Readonly<Record<Theme, string>> = {
  system: 'Follow the system',
  light: 'Light',
  dark: 'Dark',
}

/** Appearance: the theme, applied at once and saved (arrow keys move between the choices). */
export function AppearanceSettings({ settings, onSettingsSaved }: AppearanceSettingsProps) {
  const save = useSave()
  // The choice shows at once (the theme is applied at once); a refused save puts both back.
  const [chosen, setChosen] = useState(settings.theme)
  function choose(theme: Theme) {
    const previous = chosen
    setChosen(theme)
    applyTheme(theme)
    void save.run(async () => {
      const result = await invoke('settings:set', { theme })
      if (!result.ok) {
        setChosen(previous)
        applyTheme(previous)
      }
      return result
    }, onSettingsSaved)
  }
  return (
    <section className="settings-section" aria-labelledby="settings-appearance-title">
      <h3 id="settings-appearance-title">Appearance</h3>
      <fieldset className="theme-choice">
        <legend>Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme}>
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={chosen === theme}
              onChange={() => {
                choose(theme)
              }}
            />{' '}
            {THEME_LABELS[theme]}
          </label>
        ))}
      </fieldset>
      <SaveStatus save={save} failure="Could not save the theme" />
    </section>
  )
}
