import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { decimalSeparator } from '../i18n/index.js'
import { formatPercent } from '../lib/percent.js'
import { ageMessageKey, describeAge } from '../lib/age.js'
import { hasCents, showsCents, writeWithUnit } from '../lib/unitsOfMeasure.js'
import { derivedDecimals } from '../lib/numbers.js'

/** Locale-aware formatters for percentages, measured values and ages. */
export function useFormat() {
  const { t, locale } = useI18n()
  const separator = computed(() => decimalSeparator(locale.value))
  const numberFormat = computed(() => new Intl.NumberFormat(locale.value, { maximumFractionDigits: 4 }))
  const centsFormat = computed(() => new Intl.NumberFormat(locale.value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }))

  /** "64.3" from 0.6429 (German "64,3"); null without progress. */
  function percentNumber(progress) {
    return formatPercent(progress, separator.value)
  }

  /** "64.3 %" from 0.6429 (German "64,3 %"); null without progress. */
  function percentText(progress) {
    const text = percentNumber(progress)
    return text === null ? null : `${text} %`
  }

  /**
   * Formats a number with its unit of measure as `writeWithUnit` places it, such as "3.4 %",
   * "1 day", "18,250 orders" or "EUR 34.10" (an amount with cents has two decimals), or "–"
   * without a value. With `cents`, a whole amount gets two decimals too ("EUR 92.00"), so that it
   * reads like the other amounts of a key result that have cents.
   */
  function valueText(value, unit, { cents = false } = {}) {
    if (value === null || value === undefined) {
      return '–'
    }
    const withCents = showsCents(value, unit) || (cents && hasCents(unit))
    const number = withCents ? centsFormat.value.format(value) : numberFormat.value.format(value)
    return writeWithUnit(number, unit, locale.value)
  }

  /**
   * Formats a value the engine derived rather than measured (a forecast, commit and stretch
   * levels), rounded to `decimals` decimals (2 unless given) and written without trailing zeros:
   * 3.1400 with 3 decimals reads "3.14 %", 2.9996 reads "3 %". Forecasts pass `derivedDecimals`
   * of the key result's own values, so a derived value never shows more decimals than they have.
   * An amount of money that still has cents after rounding, or any amount with `cents`, is shown
   * with two decimals. Without a value it returns "–".
   */
  function estimateText(value, unit, decimals = 2, { cents = false } = {}) {
    if (value === null || value === undefined) {
      return '–'
    }
    const rounded = Number(Number(value).toFixed(decimals))
    const withCents = showsCents(rounded, unit) || (cents && hasCents(unit))
    const format = withCents ? centsFormat.value : new Intl.NumberFormat(locale.value, { maximumFractionDigits: decimals })
    return writeWithUnit(format.format(rounded), unit, locale.value)
  }

  /**
   * Formats a KPI's current value, or "–" without one. A value its formula computed is derived.
   * It is rounded to one decimal beyond its corridor bounds ("EUR 6.38M", not "EUR 6.3832M"), or
   * to cents for a currency without a scale. A measured value keeps the decimals it was sent with.
   * `kpi` is a KPI of the API (with `formula` or `currentSource`) or a board node (with `source`).
   */
  function kpiValueText(kpi) {
    if (kpi.formula || kpi.source === 'formula' || kpi.currentSource === 'formula') {
      return estimateText(kpi.current, kpi.unit, hasCents(kpi.unit) ? 2 : Math.min(4, derivedDecimals(kpi.green, kpi.red) + 1))
    }
    return valueText(kpi.current, kpi.unit)
  }

  /** "updated 5 s ago" for an ISO instant, relative to `now` in milliseconds. */
  function ageText(isoInstant, now) {
    const age = describeAge(isoInstant, now)
    return t(ageMessageKey(age), { count: age?.count })
  }

  /** "4 Dec 2026" (German "4. Dez. 2026") for an ISO date such as 2026-12-04, read in UTC. */
  function dateText(isoDate) {
    const day = isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate
    return new Intl.DateTimeFormat(locale.value, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(day))
  }

  /** "4 Dec 2026, 10:02" in the person's time zone, for an ISO instant. */
  function dateTimeText(isoInstant) {
    return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(isoInstant))
  }

  /**
   * Formats an instant in the IANA time zone `timeZone` (such as Europe/Berlin) as "15 Dec 2026,
   * 07:30" and returns {text, zone}. When the browser does not know the zone, the text is in UTC
   * and `zone` is "UTC".
   */
  function dateTimeInZoneText(isoInstant, timeZone) {
    const options = { dateStyle: 'medium', timeStyle: 'short' }
    try {
      return { text: new Intl.DateTimeFormat(locale.value, { ...options, timeZone }).format(new Date(isoInstant)), zone: timeZone }
    } catch (error) {
      if (!(error instanceof RangeError)) {
        throw error
      }
      return { text: new Intl.DateTimeFormat(locale.value, { ...options, timeZone: 'UTC' }).format(new Date(isoInstant)), zone: 'UTC' }
    }
  }

  /** Formats an instant with seconds, for logs where events a few seconds apart must differ. */
  function dateTimeSecondsText(isoInstant) {
    return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(isoInstant))
  }

  return { percentNumber, percentText, valueText, estimateText, kpiValueText, ageText, dateText, dateTimeText, dateTimeInZoneText, dateTimeSecondsText }
}
