import { capIssues, DomainError, MAX_REPORTED_ISSUES, type FieldIssue } from './errors';

const issues = (n: number): FieldIssue[] =>
  Array.from({ length: n }, (_, i) => ({ path: `between[${i}]`, message: 'is not a code' }));

describe('DomainError.invalid keeps its report small', () => {
  it('given at most the cap, when the error is made, then every issue is listed', () => {
    const error = DomainError.invalid(issues(MAX_REPORTED_ISSUES));
    expect(error.issues).toHaveLength(MAX_REPORTED_ISSUES);
    expect(error.message).toContain(`between[${MAX_REPORTED_ISSUES - 1}]`);
  });

  it('given 150,000 issues, when the error is made, then it lists the first 20 and counts the rest', () => {
    const error = DomainError.invalid(issues(150_000));
    expect(MAX_REPORTED_ISSUES).toBe(20);
    expect(error.issues).toHaveLength(21);
    expect(error.issues.slice(0, 20)).toEqual(issues(20));
    expect(error.issues[20]).toEqual({ path: '', message: 'and 149980 more issues left out' });
    expect(error.message).toMatch(/between\[19\]: is not a code; and 149980 more issues left out$/);
    expect(JSON.stringify(error.issues).length + error.message.length).toBeLessThan(4000);
  });

  it('given one issue over the cap, when capped, then the count is singular', () =>
    expect(capIssues(issues(21))[20].message).toBe('and 1 more issue left out'));
});
