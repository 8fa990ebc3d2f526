// The reference central portal, for in-process use (tests, the kiosk launcher's demo mode).
export { loadPortalConfig, parsePortalConfig, PortalConfigError, type PortalConfig } from './config';
export { startDemoPortal, DEMO_KIOSK_LABEL, type DemoPortal, type DemoPortalOptions } from './demo';
export { startPortal, type RunningPortal, type StartPortalOptions } from './start';
export { demoSignatories, DEMO_AGENCIES } from './signatories/demo-data';
export type { ReceivedMail } from './mail/demo-receiver';
