// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/client.js';
import { ErrorBox } from '../../renderer/src/components/ErrorBox.js';
import { fakeBridge, renderWithApp } from './render.js';

describe('ErrorBox', () => {
  it('tells "system not available" from "wrong credentials" by heading, and shows the hint', () => {
    renderWithApp(<ErrorBox testId="a" error={new ApiError('unreachable', 'Connection refused at http://x', 'Start the system.')} />, fakeBridge({}));
    renderWithApp(<ErrorBox testId="b" error={new ApiError('auth', 'Login rejected', 'Check the password.')} />, fakeBridge({}));
    expect(screen.getByTestId('a').textContent).toContain('System not available');
    expect(screen.getByTestId('a').textContent).toContain('Start the system.');
    expect(screen.getByTestId('b').textContent).toContain('Cannot connect with the given credentials');
    expect(screen.getByTestId('b').textContent).not.toContain('System not available');
  });

  it('speaks German', () => {
    renderWithApp(<ErrorBox testId="c" error={new ApiError('unreachable', 'x', '')} />, fakeBridge({}), 'de');
    expect(screen.getByTestId('c').textContent).toContain('System nicht erreichbar');
    // Without a hint from Ferry, the category's own hint says what to do.
    expect(screen.getByTestId('c').textContent).toContain('Prüfen Sie die Adresse');
  });
});
