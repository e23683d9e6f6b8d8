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
import { init, use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

use([LineChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, SVGRenderer])

export { init }
