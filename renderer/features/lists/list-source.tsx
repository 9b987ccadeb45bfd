/** Where a list's members came from: "From members.csv (CP949 (EUC-KR))" or "Pasted addresses". */
import { useTranslation } from 'react-i18next';
import type { MemberList } from '../../../app/ipc/common/contract';
import { tableEncodingSchema } from '../../../app/lists/common/member-list';

/** Renders the source in words. */
export function ListSource({ source }: { readonly source: MemberList['source'] }) {
  const { t } = useTranslation();
  if (source.kind === 'paste') return <span data-source="paste">{t('listsScreen.overview.sourcePaste')}</span>;
  const known = tableEncodingSchema.safeParse(source.encoding);
  const encoding = known.success ? t(`listsScreen.encodings.${known.data}`) : (source.encoding ?? '?');
  return (
    <span data-source="file" data-encoding={source.encoding}>
      {t('listsScreen.overview.sourceFile', { file: source.fileName ?? '?', encoding })}
    </span>
  );
}
