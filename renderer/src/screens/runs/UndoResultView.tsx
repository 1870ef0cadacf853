import { Link, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { OpOutput } from '../../../../shared/contract.js';
import { href } from '../../router.js';

type UndoResult = OpOutput<'runs.undo'>;
const SHOW = 200;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px' },
  list: { margin: 0, paddingLeft: '20px', maxHeight: '240px', overflow: 'auto' },
});

/** What an undo did: the changes it reverted, the ones it left (with why), and that the pipeline is paused now. */
export function UndoResultView({ result }: { result: UndoResult }) {
  const s = useStyles();
  const { t } = useTranslation(['runs', 'common']);
  const side = (x: 'left' | 'right' | null) => (x ? t(`side.${x}`) : '—');
  return (
    <section className={s.root} data-testid="undo-result" aria-labelledby="undo-result-h">
      <MessageBar intent={result.notUndone.length ? 'warning' : 'success'} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle id="undo-result-h">{t('undo.resultTitle')}</MessageBarTitle>
          {t('undo.resultBody', { undone: result.undone.length, notUndone: result.notUndone.length })}
        </MessageBarBody>
      </MessageBar>
      {result.paused ? (
        <MessageBar intent="info" layout="multiline" data-testid="undo-paused">
          <MessageBarBody>
            {t('undo.paused', { pipeline: result.pipeline })} <Link href={href('pipelines', result.pipeline)}>{t('undo.openPipeline')}</Link>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div data-testid="undo-undone">
        <Subtitle2 as="h3">{t('undo.undone')}</Subtitle2>
        {result.undone.length === 0 ? (
          <Text as="p" block>{t('undo.noneUndone')}</Text>
        ) : (
          <ul className={s.list}>
            {result.undone.slice(0, SHOW).map((u, i) => (
              <li key={i}>{t('undo.undoneItem', { entity: t(`common:entityOne.${u.entity}`), id: u.id, side: side(u.side), what: u.what })}</li>
            ))}
            {result.undone.length > SHOW ? <li>{t('undo.more', { count: result.undone.length - SHOW })}</li> : null}
          </ul>
        )}
      </div>
      <div data-testid="undo-not-undone">
        <Subtitle2 as="h3">{t('undo.notUndone')}</Subtitle2>
        {result.notUndone.length === 0 ? (
          <Text as="p" block>{t('undo.noneNotUndone')}</Text>
        ) : (
          <ul className={s.list}>
            {result.notUndone.slice(0, SHOW).map((u, i) => (
              <li key={i}>
                {t('undo.notUndoneItem', {
                  entity: t(`common:entityOne.${u.entity}`),
                  id: u.id ?? t('undo.noId'),
                  action: t(`common:action.${u.action}`, { defaultValue: u.action }),
                  why: u.why,
                })}
              </li>
            ))}
            {result.notUndone.length > SHOW ? <li>{t('undo.more', { count: result.notUndone.length - SHOW })}</li> : null}
          </ul>
        )}
      </div>
    </section>
  );
}
