import { useExplorer } from '../explorer/ExplorerProvider.js';
import type { Device } from './device.js';

export function useDevice(id: string): Device {
  const device = useExplorer().devices.find((d) => d.id === id);
  if (!device) throw new Error(`authlab: no device ${id}`);
  return device;
}
