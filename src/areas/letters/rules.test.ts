import { describe, expect, it } from 'vitest';
import { attachmentDisposition, documentFileName, signingProblems, sniffDocumentType } from './rules.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('sniffDocumentType', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(sniffDocumentType(Buffer.from('%PDF-1.7\n%…'))).toBe('application/pdf');
    expect(sniffDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toBe('image/png');
    expect(sniffDocumentType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
  });

  it('refuses anything else, whatever its name would say', () => {
    expect(sniffDocumentType(Buffer.from('just some text, saved as letter.pdf'))).toBeNull();
    expect(sniffDocumentType(Buffer.from('<html><body>%PDF-</body></html>'))).toBeNull();
    expect(sniffDocumentType(bytes(0x25, 0x50, 0x44))).toBeNull(); // too short to be a PDF
    expect(sniffDocumentType(bytes())).toBeNull();
  });
});

describe('documentFileName', () => {
  it('keeps the base name and gives it the extension of what the file really is', () => {
    expect(documentFileName('C:\\scans\\城东分局.PDF', 'application/pdf', 'x')).toBe('城东分局.pdf');
    expect(documentFileName('../../etc/passwd', 'image/png', 'x')).toBe('passwd.png');
    expect(documentFileName('scan.pdf', 'image/jpeg', 'x')).toBe('scan.jpg');
  });

  it('drops quotes and control characters, and falls back when nothing is left', () => {
    expect(documentFileName('a"b\r\nc.pdf', 'application/pdf', 'x')).toBe('abc.pdf');
    expect(documentFileName(undefined, 'application/pdf', 'letter-630102')).toBe('letter-630102.pdf');
    expect(documentFileName('.pdf', 'application/pdf', 'letter')).toBe('letter.pdf');
  });
});

describe('attachmentDisposition', () => {
  it('asks for a download, with the name in UTF-8 and an ASCII stand-in', () => {
    expect(attachmentDisposition('责任书 (1).pdf')).toBe(
      `attachment; filename="___ (1).pdf"; filename*=UTF-8''%E8%B4%A3%E4%BB%BB%E4%B9%A6%20%281%29.pdf`,
    );
    expect(attachmentDisposition('letter.pdf')).toBe(
      `attachment; filename="letter.pdf"; filename*=UTF-8''letter.pdf`,
    );
  });
});

describe('signingProblems', () => {
  const campaign = { baselineOn: '2011-10-16', deadlineOn: '2011-12-20' };

  it('accepts a date from the baseline date to the deadline, not after today', () => {
    expect(signingProblems('2011-10-16', campaign, '2011-11-01')).toEqual([]);
    expect(signingProblems('2011-11-01', campaign, '2011-11-01')).toEqual([]);
  });

  it('names what is wrong with the signing date', () => {
    expect(signingProblems('2011-11-02', campaign, '2011-11-01')).toEqual([
      {
        field: 'signedOn',
        code: 'in_future',
        message: 'is in the future (2011-11-02)',
        params: { value: '2011-11-02' },
      },
    ]);
    expect(signingProblems('2011-10-01', campaign, '2011-11-01')[0]?.message).toMatch(/baseline date/);
    expect(signingProblems('2011-12-21', campaign, '2012-01-05')[0]?.message).toMatch(/deadline/);
  });
});
