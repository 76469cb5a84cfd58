/* Area maps: draw the page's LSOAs with Leaflet (vendored, no tile layer, so it
   works offline), coloured as the server-drawn SVG is, which it replaces. Without
   JavaScript, or if the data cannot be fetched, the SVG stays. */
(function () {
  'use strict'
  var container = document.getElementById('area-map')
  if (!container || !window.L || !window.fetch) { return }
  var svg = container.querySelector('svg')
  var links = {}
  var titles = {}
  var fills = {}
  container.querySelectorAll('a[data-code]').forEach(function (link) {
    var code = link.getAttribute('data-code')
    var path = link.querySelector('path')
    links[code] = link.getAttribute('href')
    titles[code] = path.querySelector('title').textContent
    fills[code] = window.getComputedStyle(path).fill
  })
  window.fetch(container.getAttribute('data-geojson-url'), { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) { throw new Error('map data ' + response.status) }
      return response.json()
    })
    .then(function (data) {
      var holder = document.createElement('div')
      holder.className = 'hedgerow-map--leaflet'
      holder.setAttribute('role', 'region')
      holder.setAttribute('aria-label', svg.querySelector('title').textContent)
      container.insertBefore(holder, svg)
      var map = window.L.map(holder, { attributionControl: false, keyboard: true })
      var layer = window.L.geoJSON(data, {
        style: function (feature) {
          return {
            color: '#505a5f',
            weight: 0.5,
            fillColor: fills[feature.properties.lsoa_code] || '#b1b4b6',
            fillOpacity: 0.85
          }
        },
        onEachFeature: function (feature, shape) {
          var code = feature.properties.lsoa_code
          shape.bindTooltip(titles[code] || code)
          shape.on('click', function () {
            if (links[code]) { window.location.href = links[code] }
          })
        }
      }).addTo(map)
      map.fitBounds(layer.getBounds())
      svg.setAttribute('hidden', '')
    })
    .catch(function () { /* keep the SVG map */ })
})()
