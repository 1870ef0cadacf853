// Answer text: pages are JSON.stringify of the plain slice (records are frozen wire-shaped objects of one
// shape each, so V8 serialises them on its fast path), wrapped in the paging and envelope text without
// parsing or re-serialising. (A per-record JSON cache was tried: 3x slower on a first full read.)

/** JSON array text of records. */
export function recordsJson(recs: readonly object[]): string {
  return JSON.stringify(recs);
}

/** The paging answer: Result = [{Count, CurrentPage, PageCount, Result: [...]}]. */
export function pageJson(itemsJson: string, count: number, page: number, pageCount: number): string {
  return `[{"Count":${count},"CurrentPage":${page},"PageCount":${pageCount},"Result":${itemsJson}}]`;
}

const WCF_DATE_STRING = /"\/Date\((-?\d+(?:[+-]\d{4})?)\)\/"/g;

/** The whole response envelope. WCF escapes the slashes of its dates ("\/Date(...)\/"); so does the simulator. */
export function envelopeJson(status: number, message: string, resultJson: string): string {
  const body = `{"Status":${status},"Message":${JSON.stringify(message)},"MessageCode":0,"Result":${resultJson}}`;
  return body.includes('/Date(') ? body.replace(WCF_DATE_STRING, '"\\/Date($1)\\/"') : body;
}
