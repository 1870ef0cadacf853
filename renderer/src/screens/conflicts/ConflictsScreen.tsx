import { makeStyles, Text, Title2 } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { ConflictDetail } from './ConflictDetail.js';
import { ConflictList } from './ConflictList.js';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '1400px' } });

/** The conflict inbox (#/conflicts) and one conflict (#/conflicts/<id>). */
export function ConflictsScreen({ params }: { params: string[] }) {
  const s = useStyles();
  const { t } = useTranslation('conflicts');
  const id = params[0] !== undefined ? Number(params[0]) : null;
  return (
    <div className={s.root} data-testid="screen-conflicts">
      {id === null ? (
        <>
          <Title2 as="h1">{t('title')}</Title2>
          <Text as="p" block>{t('intro')}</Text>
          <ConflictList />
        </>
      ) : Number.isInteger(id) && id > 0 ? (
        <ConflictDetail key={id} id={id} />
      ) : (
        <>
          <Title2 as="h1">{t('detail.titlePlain')}</Title2>
          <Text as="p" block data-testid="conflict-not-found">
            {t('detail.notFound')}
          </Text>
        </>
      )}
    </div>
  );
}
