// What the window holds between calls: the draft being edited (its id once saved, so each
// save replaces it), the parent directive last opened and what drafting it left to fill
// in, and the office profile (the signer list and the address book).
export const state = {
  draftId: null,
  parent: null,
  gaps: [],
  office: null,
};
