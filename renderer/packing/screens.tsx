// Pack station screens. Placeholders so the router can import them; they grow in later commits.
export function PackQueueScreen() {
  return <div data-testid="pack-queue">Pack queue</div>;
}

export function PackScreen({ orderId }: { orderId: string }) {
  return <div data-testid="pack-screen" data-order-id={orderId}>Pack</div>;
}
