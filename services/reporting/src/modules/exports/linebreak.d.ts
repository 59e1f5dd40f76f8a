/** Types for `linebreak` (the UAX #14 line breaker pdfkit itself uses), which ships none. */
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    /** the next break opportunity: `position` is the index where the next line may start */
    nextBreak(): { position: number; required: boolean } | null;
  }
}
