import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Dispatch } from '../../shared/kiosk-api';
import { fail } from '../../shared/result';
import { isKioskUrl } from '../host/static-path';

export const KIOSK_CHANNEL = 'kiosk:call';

/** Only the kiosk page itself, top frame, may call: not a frame or a page from anywhere else. */
const isKioskSender = (event: IpcMainInvokeEvent): boolean => {
  const frame = event.senderFrame;
  return !!frame && frame.parent === null && isKioskUrl(frame.url);
};

/** The renderer's one door into the core; the dispatcher checks the call and its input. */
export function registerKioskIpc(dispatch: Dispatch): void {
  ipcMain.handle(KIOSK_CHANNEL, (event, call: unknown, input: unknown) =>
    isKioskSender(event) ? dispatch(call, input, { channel: 'ipc' }) : Promise.resolve(fail('forbidden')),
  );
}
