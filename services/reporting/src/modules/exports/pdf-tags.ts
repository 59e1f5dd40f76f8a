/**
 * Tagged PDF (PDF/UA's logical structure, as far as pdfkit 0.17 goes): every document is `tagged` (MarkInfo
 * Marked, a StructTreeRoot with its ParentTree), names its language (`/Lang`) and shows its title; what is read is
 * drawn inside structure elements (H1, P, Table/TR/TH/TD, Figure with its alternative text) in reading order under
 * one `Document` element; rules, borders, fills and page footers are Artifacts, skipped by screen readers.
 * pdfkit does not check the result against PDF/UA, write the XMP `pdfuaid` mark, role maps, table header scopes
 * or a Tabs order; see the reporting README.
 */
const roots = new WeakMap<PDFKit.PDFDocument, PDFKit.PDFStructureElement>();

/** The document's root structure element (`Document`), made on first use. */
export function structureOf(doc: PDFKit.PDFDocument): PDFKit.PDFStructureElement {
  let root = roots.get(doc);
  if (!root) {
    root = doc.struct('Document');
    doc.addStructure(root);
    roots.set(doc, root);
  }
  return root;
}

/** Draws `draw` as one structure element of `role` (H1, P, TH, TD…) under `parent`; returns what `draw` returns. */
export function tag<T>(
  doc: PDFKit.PDFDocument,
  role: string,
  draw: () => T,
  parent: PDFKit.PDFStructureElement = structureOf(doc),
): T {
  let result!: T;
  // the closure runs at once: the parent is attached to the tree already
  parent.add(
    doc.struct(role, {}, () => {
      result = draw();
    }),
  );
  return result;
}

/** A grouping element (Table, TR, Sect) under `parent`; its children are added to it, then it is ended. */
export function group(
  doc: PDFKit.PDFDocument,
  role: string,
  parent: PDFKit.PDFStructureElement = structureOf(doc),
): PDFKit.PDFStructureElement {
  const element = doc.struct(role);
  parent.add(element);
  return element;
}

/** Decoration drawn outside the structure (rules, borders, fills; `Pagination` for running footers). */
export function artifact(doc: PDFKit.PDFDocument, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout') {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}
