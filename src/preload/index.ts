// Sandboxed preload, bundled as CommonJS: window.kiosk, one function per contract call, and nothing
// else — no ipcRenderer, no Node. The typed client checks input before sending and every answer.
import { contextBridge, ipcRenderer } from 'electron';
import { createKioskClient } from '../shared/kiosk-api/client';

contextBridge.exposeInMainWorld(
  'kiosk',
  createKioskClient((call, input) => ipcRenderer.invoke('kiosk:call', call, input)),
);
