// The parts of ECharts the app draws with, registered once. Importing from echarts/core with an
// explicit list keeps the rest of the library out of the bundle. The charts carry their own
// translated text alternative (EChart's label), so ECharts' English aria description is not used.
import { LineChart } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components'
import { init, registerLocale, use } from 'echarts/core'
import langDE from 'echarts/lib/i18n/langDE.js'
import { SVGRenderer } from 'echarts/renderers'

use([LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, SVGRenderer])

// English is built in; German month and day names come from ECharts' own translation.
registerLocale('DE', langDE)

/** Returns the ECharts locale name for an app locale ("de" gives "DE", everything else "EN"). */
export function chartLocale(locale) {
  return locale === 'de' ? 'DE' : 'EN'
}

export { init }
