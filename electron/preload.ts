/** The sandboxed preload: exposes the allowlisted bridge as `window.mailroom`, and nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api';

contextBridge.exposeInMainWorld('mailroom', createPreloadApi(ipcRenderer));
