/* global document */
// Choosing a day (templates/pages/book/day.njk): times are shown in UK time
// unless the candidate chose another zone. When this device is set to a zone
// that reads differently, offer it: "Your device is set to New York time."
// with a button that posts the time zone form (return to this page). Without
// JavaScript, or on a device in UK time, nothing changes.

const offer = document.querySelector('[data-zone-offer]')
const deviceZone = safeDeviceZone()
if (offer && deviceZone && zoneLabel(deviceZone) !== zoneLabel(offer.dataset.currentZone || 'Europe/London')) {
  const label = zoneLabel(deviceZone)
  offer.querySelector('[data-zone-offer-text]').textContent = `Your device is set to ${label}.`
  const button = offer.querySelector('[data-zone-offer-button]')
  button.textContent = `Show times in ${label}`
  button.value = deviceZone
  offer.hidden = false
}

function safeDeviceZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null
  } catch {
    return null
  }
}

/** "UK time", "UTC", "New York time": as the pages say it (timeZoneLabel in src/domain/time/format.ts). */
function zoneLabel(zone) {
  const lower = zone.toLowerCase()
  if (['europe/london', 'europe/belfast', 'gb', 'gb-eire'].includes(lower)) return 'UK time'
  if (['utc', 'gmt', 'etc/utc', 'etc/gmt', 'etc/uct', 'uct', 'etc/universal', 'universal', 'etc/zulu', 'zulu', 'etc/greenwich', 'greenwich', 'etc/gmt0', 'gmt0', 'etc/gmt+0', 'etc/gmt-0', 'gmt+0', 'gmt-0'].includes(lower)) return 'UTC'
  const city = (zone.split('/').pop() || zone).replace(/_/g, ' ')
  return `${city} time`
}
