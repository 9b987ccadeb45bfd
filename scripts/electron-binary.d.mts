/** The path of the Electron executable, or null when it is not installed. */
export function electronBinary(): string | null;
/** One sentence saying why Electron cannot start here. */
export const NO_ELECTRON: string;
