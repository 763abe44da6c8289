// Maps (Pages/Shared/_Map.cshtml): draws routes as coloured lines with numbered pins, other stops as
// grey pins, from the JSON the page rendered. Leaflet draws the lines and pins itself, so they show
// even when no background tile loads. With a GCJ-02 tile provider (AMap) the GPS positions are
// shifted with gcoord first. Every text node is set as text, never as HTML.
(function () {
    'use strict';
    // Same order as the .route-colour-N classes in site.css.
    var palette = ['#1d6b47', '#1f4fd1', '#b3261e', '#8a5a00', '#6a1b9a', '#00796b', '#c2185b', '#37474f'];
    if (!window.L) {
        return;
    }
    document.querySelectorAll('[data-map]').forEach(function (element) {
        var source = document.getElementById(element.getAttribute('data-map'));
        if (!source) {
            return;
        }
        var data = JSON.parse(source.textContent);
        var gcj = element.getAttribute('data-coordinates') === 'Gcj02' && window.gcoord;
        // Stops without a position of their own share their district's centre: spread them on a small
        // circle (~100 m) so each pin can still be seen and tapped.
        var shared = {};
        data.pins.forEach(function (pin) {
            if (!pin.approximate) { return; }
            var key = pin.lat.toFixed(5) + ',' + pin.lon.toFixed(5);
            var n = shared[key] = (shared[key] || 0) + 1;
            if (n > 1) {
                var angle = n * 2.4;
                var radius = 0.0009 * Math.sqrt(n);
                pin.lat += radius * Math.sin(angle);
                pin.lon += radius * Math.cos(angle) / Math.cos(pin.lat * Math.PI / 180);
            }
        });
        function position(point) {
            if (gcj) {
                var shifted = window.gcoord.transform([point.lon, point.lat], window.gcoord.WGS84, window.gcoord.GCJ02);
                return [shifted[1], shifted[0]];
            }
            return [point.lat, point.lon];
        }
        element.classList.add('map-on');
        var map = L.map(element, { scrollWheelZoom: false });
        L.tileLayer(element.getAttribute('data-tiles'), {
            attribution: element.getAttribute('data-attribution'),
            subdomains: element.getAttribute('data-subdomains') || 'abc',
            maxZoom: parseInt(element.getAttribute('data-max-zoom'), 10) || 19
        }).addTo(map);
        // The view first: Leaflet adds layers to a map only once it has one.
        var bounds = [];
        data.lines.forEach(function (line) { bounds = bounds.concat(line.points.map(position)); });
        data.pins.forEach(function (pin) { bounds.push(position(pin)); });
        if (bounds.length > 0) {
            map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
        } else {
            map.setView([35, 105], 4);
        }
        data.lines.forEach(function (line) {
            L.polyline(line.points.map(position), { color: palette[line.colour % palette.length], weight: 4, opacity: 0.85 }).addTo(map);
        });
        data.pins.forEach(function (pin) {
            var where = position(pin);
            var colour = pin.colour === null || pin.colour === undefined ? 'grey' : 'c' + (pin.colour % palette.length);
            var icon = L.divIcon({
                className: 'map-pin map-pin-' + colour + (pin.approximate ? ' map-pin-approx' : ''),
                html: '',
                iconSize: [28, 28],
                iconAnchor: [14, 14],
                popupAnchor: [0, -14]
            });
            var marker = L.marker(where, { icon: icon, title: pin.title, alt: pin.title, keyboard: true }).addTo(map);
            marker.getElement().textContent = pin.text;
            var popup = document.createElement('div');
            pin.lines.forEach(function (text, i) {
                var p = document.createElement(i === 0 ? 'strong' : 'p');
                p.textContent = text;
                popup.appendChild(p);
            });
            if (pin.link) {
                var a = document.createElement('a');
                a.href = pin.link;
                a.textContent = pin.linkText;
                // On the board the link opens the stop's move form further down the page.
                a.addEventListener('click', function () {
                    var target = document.getElementById(pin.link.replace(/^#/, ''));
                    var details = target && target.querySelector('details');
                    if (details) { details.open = true; }
                    var route = target && target.closest('details.route-details');
                    if (route) { route.open = true; }
                });
                popup.appendChild(a);
            }
            marker.bindPopup(popup);
        });
    });
})();
