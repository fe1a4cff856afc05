/** Props of {@link FilesHead}. */
export interface FilesHeadProps {
  /** Every scannable file of the page is checked. */
  readonly isChecked: boolean
  /** The page has no scannable file. */
  readonly isDisabled: boolean
  readonly onChange: () => void
}

/**
 * The header of the Files table, with the checkbox that checks (or clears) every scannable
 * file of the page.
 */
export function FilesHead({ isChecked, isDisabled, onChange }: FilesHeadProps) {
  return (
    <thead>
      <tr>
        <th scope="col" className="select-cell">
          <input
            type="checkbox"
            aria-label="Select all files on this page"
            disabled={isDisabled}
            checked={isChecked}
            onChange={onChange}
          />
        </th>
        <th scope="col">Name</th>
        <th scope="col" className="num">
          Size
        </th>
        <th scope="col">Modified (UTC)</th>
        <th scope="col">Accessed (UTC)</th>
        <th scope="col">Changed (UTC)</th>
        <th scope="col">Born (UTC)</th>
        <th scope="col">Inode</th>
        <th scope="col">Owner</th>
        <th scope="col">SHA-256</th>
        <th scope="col" className="num">
          Findings
        </th>
      </tr>
    </thead>
  )
}
