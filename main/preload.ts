// The preload runs sandboxed in the renderer process, so it may import only 'electron'
// (contextBridge, ipcRenderer); esbuild inlines the rest into dist/main/preload.cjs.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY } from '../shared/bridge/channels.ts';
import { createBridgeApi } from './bridge-api.ts';

// Only invoke, and only through the contract's channels: the page never sees ipcRenderer itself.
contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  createBridgeApi((channel, args) => ipcRenderer.invoke(channel, args)),
);
