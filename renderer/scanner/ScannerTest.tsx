// Scanner diagnostics screen. Placeholder so the router can import it.
export function ScannerTest() {
  return <div data-testid="scanner-test">Scanner test</div>;
}
