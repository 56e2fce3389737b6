/** The load balancer of the rolling-restart test: the benchmarks' (bench/lib/haproxy.ts), one launcher for both. */
export { freePort, HAPROXY, startHaproxy, type LoadBalancer } from '../../bench/lib/haproxy';
