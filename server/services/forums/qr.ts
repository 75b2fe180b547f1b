import QRCode from 'qrcode'

/**
 * QR codes as SVG markup (the qrcode library: no canvas, no network), for the invitation sheet and the table cards.
 * Error correction M survives a crease in the paper; the quiet zone is the library's four modules.
 */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } })
}
