import { rule } from './policy'

/**
 * The integration monitoring. The statistics role (Referat für Strategische Planung) keeps indicators and values,
 * writes the local interpretation of a sheet and publishes a year's sheets. Commissioner and coordinators read the
 * working data the evaluation draws on; the administration reads too and may remove the demo data. Viewers
 * (politics, public) read only what is published: unpublished figures may still be under review, and the published
 * sheets are open to everybody without login anyway.
 */
export const monitoringRules = {
  'monitoring.read': rule(['admin', 'commissioner', 'coordinator', 'statistics']),
  'indicator.manage': rule(['statistics']),
  'indicatorValue.import': rule(['statistics']),
  'sheet.interpret': rule(['statistics']),
  'sheet.publish': rule(['statistics']),
  'monitoringDemo.remove': rule(['admin', 'statistics']),
}
