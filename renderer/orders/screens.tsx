// Route entry points for the orders domain; the router imports exactly these two.
export function OrdersScreen() {
  return <section data-testid="orders-screen">Orders</section>;
}

export function OrderScreen({ orderId }: { orderId: string }) {
  return <section data-testid="order-screen" data-order-id={orderId}>Order</section>;
}
