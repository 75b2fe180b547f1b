import QRCode from 'qrcode'

/**
 * QR codes for the invitation sheet and the table cards (the qrcode library: no canvas, no network), as the
 * module matrix drawn into one SVG path: the page renders it as React elements, no markup is injected. Error
 * correction M survives a crease in the paper; the caller draws the quiet zone of four modules.
 */
export type QrPath = { size: number; d: string }

export function qrPath(text: string): QrPath {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const size = modules.size
  let d = ''
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (modules.get(x, y)) d += `M${x + 4} ${y + 4}h1v1h-1z`
  }
  return { size: size + 8, d }
}
