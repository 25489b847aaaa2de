// The print page's only script: its 打印 button opens the browser's print dialog. The page
// (activities/templates/print.ts) inlines exactly this text and the API allows exactly it by its
// hash, so nothing else on a page that shows netizens' text can run.
export const PRINT_BUTTON_ID = 'print-button';
export const PRINT_SCRIPT = `document.getElementById('${PRINT_BUTTON_ID}').addEventListener('click', () => window.print());`;
