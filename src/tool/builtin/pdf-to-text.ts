// Text of a PDF (papers, reports: much of what a research agent fetches), page by page.
import { extractText, getDocumentProxy } from 'unpdf';

export async function pdfToText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const document = await getDocumentProxy(new Uint8Array(bytes));
  const { text, totalPages } = await extractText(document, { mergePages: false });
  return {
    pages: totalPages,
    text: text.map((page, index) => `## Page ${index + 1}\n\n${page.trim()}`).join('\n\n'),
  };
}
