import { failedTest } from '../http/test-result.js';
import { hints, toErrorBody } from '../../../shared/errors.js';
import type { TestResult } from '../types.js';
import { notCardDavHint, type CardDavClient } from './client.js';
import { checkUserBooksRoot, testCardDavUser } from './users.js';

/** A failed step as a test result (see failedTest): something that answered, but not as a CardDAV server does, is config. */
export const failure = (e: unknown, client: CardDavClient): Promise<TestResult> => failedTest(e, client.url, { notThisApiHint: hints.config, configHint: notCardDavHint });

/**
 * The connection test: discovery with real calls (PROPFIND principal → address-book home → address books) tells
 * "not reachable" from "credentials refused" (401) from "not CardDAV" (no multistatus, no principal).
 */
export async function testCardDav(client: CardDavClient, opts?: { user?: string; userBooks?: string }): Promise<TestResult> {
  // A missing template, user book or folder of user books is a configuration of Ferry, not a server that is not CardDAV.
  const ofUserBooks = async (e: unknown): Promise<TestResult> => {
    const r = await failure(e, client);
    return r.category === 'config' ? { ...r, hint: toErrorBody(e).hint } : r;
  };
  if (opts?.user) {
    try {
      return await testCardDavUser(client, opts.userBooks, opts.user);
    } catch (e) {
      return ofUserBooks(e);
    }
  }
  try {
    const books = await client.addressBooks();
    if (opts?.userBooks) {
      // A service account acting for each user writes only into the users' books: it needs none of its own.
      let root: string;
      try {
        root = await checkUserBooksRoot(client, opts.userBooks);
      } catch (e) {
        return ofUserBooks(e);
      }
      return {
        category: 'ok',
        message: `Connected to the CardDAV server as "${client.username ?? ''}" (service account): the users' address books are reached through ${opts.userBooks} under ${root}; ${books.length} address book(s) of its own.`,
        hint: 'Test one user\'s address book next: "Test as user" with the user\'s e-mail (ferry connections test <name> --user <email>) creates a probe card there and removes it.',
        details: { addressBooks: books.length, userBooks: opts.userBooks, user: client.username },
      };
    }
    if (books.length === 0) {
      return {
        category: 'config',
        message: `Connected to the CardDAV server as "${client.username ?? ''}", but the account has no address book there.`,
        hint: 'Create an address book for the user (in the server or a client), or enter the URL of an existing address book.',
        details: { addressBooks: 0 },
      };
    }
    const book = await client.addressBook();
    return {
      category: 'ok',
      message: `Connected to the CardDAV server as "${client.username ?? ''}": ${books.length} address book(s); Ferry uses ${book.displayName ? `"${book.displayName}" (${book.path})` : book.path}.`,
      hint: 'Run the preflight checks next.',
      details: { addressBooks: books.length, addressBook: book.path, user: client.username },
    };
  } catch (e) {
    return failure(e, client);
  }
}
