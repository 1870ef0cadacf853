// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { hintIds, hintPatterns, hints } from '../../shared/hints.js';
import { resources } from '../../renderer/src/i18n/resources.js';
import { ApiError } from '../../renderer/src/api/client.js';
import { ErrorBox } from '../../renderer/src/components/ErrorBox.js';
import { ErrorLine } from '../../renderer/src/components/ErrorLine.js';
import { fakeBridge, renderWithApp } from './render.js';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('error hints in the UI language', () => {
  it('the German ErrorBox shows a shared hint in German, the rest of the hint as Ferry sent it', () => {
    const body = new FerryError('auth', 'Zabbix refused the login of "ferry".', `${hints.auth} Zabbix blocks an account for a while (default 30 s) after 5 failed logins.`).toJSON();
    renderWithApp(<ErrorBox testId="de" error={body} />, fakeBridge({}), 'de');
    const text = screen.getByTestId('de').textContent;
    expect(text).toContain('Anmeldung mit den angegebenen Zugangsdaten nicht möglich: prüfen Sie den Benutzernamen');
    expect(text).toContain('Zabbix blocks an account for a while');
    expect(text).not.toContain(hints.auth);
  });

  it('fills in the values of a hint with placeholders', () => {
    const body = new FerryError('needs-credentials', 'Connection "ERP" needs credentials: no password is set.', hints.needsCredentials.replace('<name>', 'ERP')).toJSON();
    renderWithApp(<ErrorBox testId="creds" error={body} />, fakeBridge({}), 'de');
    expect(screen.getByTestId('creds').textContent).toContain('kein Geheimnis hinterlegt: setzen Sie es mit `ferry connections set-secret ERP --secret-stdin`.');
  });

  it('translates the hint of an ApiError (a connection test result, the HTTP transport) by its text', () => {
    // connections/TestResultView builds an ApiError from the test result: no hintId, only the English text.
    renderWithApp(<ErrorBox testId="tls" error={new ApiError('tls', 'Certificate not accepted.', `${hints.tls} If you trust this server, pin it: --option pinSha256=AB:CD`)} />, fakeBridge({}), 'de');
    const text = screen.getByTestId('tls').textContent;
    expect(text).toContain('Das Zertifikat konnte nicht überprüft werden');
    expect(text).toContain('Wenn Sie diesem Server vertrauen, hinterlegen Sie seinen Fingerabdruck: --option pinSha256=AB:CD');
  });

  it('shows English hints unchanged, and hints without a translation as Ferry sent them', () => {
    const body = new FerryError('unreachable', 'No answer.', hints.unreachable).toJSON();
    renderWithApp(<ErrorBox testId="en" error={body} />, fakeBridge({}), 'en');
    expect(screen.getByTestId('en').textContent).toContain(hints.unreachable);
    renderWithApp(<ErrorBox testId="own" error={new ApiError('state', 'x', 'Remove those pipelines first, or disable the connection.')} />, fakeBridge({}), 'de');
    expect(screen.getByTestId('own').textContent).toContain('Remove those pipelines first, or disable the connection.');
  });

  it('trusts a hintId whose English text this UI does not know (another Ferry version)', () => {
    renderWithApp(<ErrorBox testId="v" error={{ category: 'busy', message: 'Busy.', hint: 'Wait for the other run, then retry.', hintId: 'busyPipeline' }} />, fakeBridge({}), 'de');
    expect(screen.getByTestId('v').textContent).toContain('Warten Sie, bis dieser Lauf beendet ist');
  });

  it('the German ErrorLine has the German hint as its tooltip', () => {
    const body = new FerryError('guard', 'Stopped before writing.', hints.guardDeletesRight).toJSON();
    renderWithApp(<ErrorLine testId="line" error={body} />, fakeBridge({}), 'de');
    expect(screen.getByTestId('line').getAttribute('title')).toContain('warum das rechte System weniger Datensätze geliefert hat');
  });
});

describe('hint translations', () => {
  const locale = (lang: 'de' | 'en') => (resources[lang].common as unknown as { hints: Record<string, string> }).hints;

  it('every hint id has a German and an English translation with the same placeholders', () => {
    expect(hintIds.length).toBeGreaterThanOrEqual(20);
    for (const id of hintIds) {
      for (const lang of ['de', 'en'] as const) {
        const text = locale(lang)[id];
        expect(text, `${lang} common.json hints.${id}`).toEqual(expect.any(String));
        expect(placeholders(text!), `${lang} hints.${id}`).toEqual(placeholders(hintPatterns[id]));
      }
      // English shows exactly what Ferry sends, so the English UI does not change; German must differ.
      expect(locale('en')[id], `en hints.${id}`).toBe(hintPatterns[id]);
      expect(locale('de')[id], `de hints.${id}`).not.toBe(hintPatterns[id]);
    }
    expect(Object.keys(locale('de')).sort()).toEqual([...hintIds].sort());
  });
});
