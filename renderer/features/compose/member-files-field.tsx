/**
 * Compose's per-member attachments: the list column naming each member's files and the folder they are
 * in. In Electron the folder comes from a native dialog; in the browser host (no native dialogs) its path
 * is typed and main checks it. The page never reads these files: main does.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FolderCheck } from '../../../app/member-files/common/member-files';
import { Field } from '../../components/field';
import { useClient } from '../../state/client-context';
import type { MemberFilesState } from './compose-model';

/** Props of MemberFilesField. */
export interface MemberFilesFieldProps {
  /** The chosen list's columns. */
  readonly columns: readonly string[];
  /** The choice. */
  readonly value: MemberFilesState;
  /** Changes the choice. */
  readonly onChange: (next: MemberFilesState) => void;
}

/** Renders the column, the folder and the "send without it" choice. */
export function MemberFilesField({ columns, value, onChange }: MemberFilesFieldProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [host, setHost] = useState<'electron' | 'web' | null>(null);
  const [check, setCheck] = useState<FolderCheck | null>(null);
  const labelId = useId();
  useEffect(() => {
    let live = true;
    void client.request('app:info').then((result) => live && result.ok && setHost(result.value.host));
    return () => {
      live = false;
    };
  }, [client]);
  const checkFolder = async (folder: string) => {
    if (folder.trim() === '') return setCheck(null);
    const result = await client.request('member-files:check-folder', { folder: folder.trim() });
    setCheck(result.ok ? result.value : null);
  };
  const pick = async () => {
    const result = await client.request('member-files:pick-folder');
    if (!result.ok) return;
    if (result.value.status === 'chosen') {
      onChange({ ...value, folder: result.value.folder });
      void checkFolder(result.value.folder);
    } else if (result.value.status === 'unavailable') setHost('web');
  };
  const folderWords = check === null ? undefined : check.ok ? t('memberFiles.folderOk', { count: check.files }) : undefined;
  const folderError = check !== null && !check.ok ? t(`memberFiles.folderProblems.${check.problem}`) : undefined;
  return (
    <fieldset className="member-files" data-member-files={value.column === '' ? 'off' : 'on'}>
      <legend>{t('memberFiles.heading')}</legend>
      <Field label={t('memberFiles.column')} help={t('memberFiles.columnHelp')}>
        <select value={value.column} onChange={(e) => onChange({ ...value, column: e.target.value })}>
          <option value="">{t('memberFiles.noColumn')}</option>
          {columns.map((column) => (
            <option key={column} value={column}>
              {column}
            </option>
          ))}
        </select>
      </Field>
      {value.column !== '' ? (
        <>
          {host === 'electron' ? (
            <div className="field" role="group" aria-labelledby={`${labelId}-folder`}>
              <span className="member-files__label" id={`${labelId}-folder`}>
                {t('memberFiles.folder')}
              </span>
              <div className="member-files__folder">
                <button type="button" className="button" onClick={() => void pick()}>
                  {t('memberFiles.chooseFolder')}
                </button>
                <code data-folder>{value.folder === '' ? t('memberFiles.noFolder') : value.folder}</code>
              </div>
              {folderError ? (
                <p className="field__error" role="alert">
                  {folderError}
                </p>
              ) : folderWords ? (
                <p className="field__help">{folderWords}</p>
              ) : null}
            </div>
          ) : (
            <>
              <Field label={t('memberFiles.folderTyped')} help={folderWords ?? t('memberFiles.folderTypedHelp')} error={folderError}>
                <input
                  value={value.folder}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(e) => (onChange({ ...value, folder: e.target.value }), setCheck(null))}
                  onBlur={(e) => void checkFolder(e.target.value)}
                />
              </Field>
              <button type="button" className="button button--small member-files__check" onClick={() => void checkFolder(value.folder)}>
                {t('memberFiles.checkFolder')}
              </button>
            </>
          )}
          <label className="checkbox" title={t('memberFiles.sendWithoutHelp')}>
            <input type="checkbox" checked={value.sendWithoutMissing} onChange={(e) => onChange({ ...value, sendWithoutMissing: e.target.checked })} />
            {t('memberFiles.sendWithout')}
          </label>
        </>
      ) : null}
    </fieldset>
  );
}
