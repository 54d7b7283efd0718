import type { ReactNode } from 'react';
import { OrderDetail } from './OrderDetail.tsx';
import { OrdersList } from './OrdersList.tsx';

// Route entry points for the orders domain; the router imports exactly these two.
export function OrdersScreen(): ReactNode {
  return <OrdersList />;
}

export function OrderScreen({ orderId }: { orderId: string }): ReactNode {
  return <OrderDetail orderId={orderId} />;
}
