(function () {
    var data = {{ this.data_json }};
    var text = {{ this.text_json }};
    var map = {{ this._parent.get_name() }};
    var groups = {
        {%- for key, group in this.groups.items() %}
        {{ key|tojson }}: {{ group.get_name() }},
        {%- endfor %}
    };
    var slider = document.getElementById("gm-slider");
    var heading = document.getElementById("gm-date");
    var playButton = document.getElementById("gm-play");
    var offmapList = document.getElementById("gm-offmap-list");
    var offmapBox = document.getElementById({{ this.offmap_id_json }});
    var timer = null;
    var current = -1;

    /* Replay the per-date diffs into a full {area: [holder, tooltip]} table per date. */
    var areaStates = [];
    var running = {};
    data.areaChanges.forEach(function (diff) {
        var next = {};
        Object.keys(running).forEach(function (area) { next[area] = running[area]; });
        Object.keys(diff).forEach(function (area) {
            if (diff[area] === null) { delete next[area]; } else { next[area] = diff[area]; }
        });
        areaStates.push(next);
        running = next;
    });

    function areaLayer(state, ids, styleOf) {
        var features = data.areas.features.filter(function (f) { return ids.indexOf(f.id) >= 0; });
        return L.geoJSON({type: "FeatureCollection", features: features}, {
            style: function (f) { return styleOf(f.id); },
            onEachFeature: function (f, layer) { layer.bindTooltip(state[f.id][1], {sticky: true}); }
        });
    }

    function symbolIcon(html, size, offset) {
        offset = offset || [0, 0];
        return L.divIcon({html: html, className: "gm-icon", iconSize: [size, size],
                          iconAnchor: [size / 2 - offset[0], size / 2 - offset[1]]});
    }

    var markLayers = {};
    function markLayer(index) {
        if (markLayers[index]) { return markLayers[index]; }
        var mark = data.marks[index];
        var parts = [];
        if (mark.points.length >= 2) {
            var line = L.polyline(mark.points, {color: mark.colour, weight: 4, opacity: 0.85,
                                                dashArray: mark.planned ? "8 6" : null});
            line.bindPopup(mark.popup, {maxWidth: 320});
            line.bindTooltip(mark.tooltip, {sticky: true});
            parts.push(line);
            mark.arrows.forEach(function (arrow) {
                parts.push(L.marker([arrow[0], arrow[1]], {icon: symbolIcon(arrow[2], 16),
                                                           interactive: false}));
            });
            if (mark.people) {
                var mid = Math.floor(mark.points.length / 2);
                var a = mark.points[mid - 1], b = mark.points[mid];
                parts.push(L.marker([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], {interactive: false,
                    icon: L.divIcon({html: '<span class="gm-route-label">' + mark.people + "</span>",
                                     className: "gm-icon", iconSize: [1, 1], iconAnchor: [-8, 10]})}));
            }
        }
        var marker = L.marker(mark.points[0], {icon: symbolIcon(data.symbols[mark.symbol], 24, mark.offset),
                                               gmName: mark.name});   /* aria-label: static/page.js */
        marker.bindPopup(mark.popup, {maxWidth: 320});
        marker.bindTooltip(mark.tooltip, {sticky: true});
        parts.push(marker);
        markLayers[index] = L.layerGroup(parts);
        return markLayers[index];
    }

    function drawDate(index) {
        Object.keys(groups).forEach(function (key) { groups[key].clearLayers(); });
        var state = areaStates[index];
        var held = Object.keys(state);
        areaLayer(state, held, function (id) { return data.styles[state[id][0]]; })
            .addTo(groups.territory);
        areaLayer(state, data.inferred[index], function () { return data.inferredStyle; })
            .addTo(groups.territory);
        areaLayer(state, data.changed[index], function () { return data.changedStyle; })
            .addTo(groups.changes);
        data.marks.forEach(function (mark, i) {
            if (mark.d === index) { markLayer(i).addTo(groups[mark.layer] || groups.other); }
        });
        data.places[index].forEach(function (place) {
            L.circleMarker([place[0], place[1]], {radius: 4, color: "#000000", weight: 2,
                fillColor: "#ffffff", fillOpacity: 1}).bindTooltip(place[2], {sticky: true})
                .addTo(groups.places);
        });
    }

    function showDate(index) {
        if (!data.dates.length) { return; }
        index = Math.max(0, Math.min(data.dates.length - 1, index));
        if (index === current) { return; }
        current = index;
        drawDate(index);
        slider.value = String(index);
        slider.setAttribute("aria-valuetext", data.labels[index]);
        heading.textContent = data.labels[index];
        var shares = data.shares[index];
        document.querySelectorAll(".gm-share").forEach(function (span) {
            span.textContent = shares[span.getAttribute("data-faction")] || "";
        });
        document.querySelectorAll(".gm-stated").forEach(function (box) {
            box.innerHTML = data.stated[index];   /* escaped by geomap (site/map_page.stated_html) */
        });
        offmapList.innerHTML = data.offmap[index];
        offmapBox.style.display = data.offmap[index] ? "" : "none";
        if (window.history && history.replaceState) {
            history.replaceState(null, "", "#" + data.dates[index]);
        }
    }

    function setPlaying(playing) {
        if (timer) { clearInterval(timer); timer = null; }
        if (playing) {
            if (current >= data.dates.length - 1) { showDate(0); }
            timer = setInterval(function () {
                if (current >= data.dates.length - 1) { setPlaying(false); }
                else { showDate(current + 1); }
            }, {{ this.interval }});
        }
        playButton.innerHTML = playing ? "&#10074;&#10074;" : "&#9654;";
        playButton.setAttribute("aria-pressed", playing ? "true" : "false");
        playButton.setAttribute("aria-label", playing ? text.pause : text.play);
        playButton.title = playing ? text.pause : text.play;
    }

    slider.max = String(Math.max(0, data.dates.length - 1));
    slider.addEventListener("input", function () { setPlaying(false); showDate(Number(slider.value)); });
    document.getElementById("gm-prev").addEventListener("click", function () { setPlaying(false); showDate(current - 1); });
    document.getElementById("gm-next").addEventListener("click", function () { setPlaying(false); showDate(current + 1); });
    playButton.addEventListener("click", function () { setPlaying(timer === null); });
    var start = data.dates.indexOf(window.location.hash.slice(1));
    showDate(start >= 0 ? start : 0);
})();
