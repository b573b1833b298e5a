// What the window holds between calls: the draft being edited (its id once saved, so each
// save replaces it) and the incoming line it answers, the parent directive last opened
// and what drafting it left to fill in, and the office profile (the signer list and the
// address book).
export const state = {
  draftId: null,
  // The line of the incoming register the letter in the form answers, when it has one.
  answers: null,
  parent: null,
  // The parent was opened only to be entered in the incoming register ("Vào sổ đến…").
  receiveOnly: false,
  // The incoming line such a parent was entered on, for a letter drafted from it later.
  received: null,
  // The parent the draft in the form was made from, and whether the clerk has typed in it
  // since: drafting that parent again then replaces it.
  draftOf: null,
  untouched: false,
  gaps: [],
  // The parent read from a scan that the clerk said she checked, at Cấp số.
  checkedScan: null,
  office: null,
};
