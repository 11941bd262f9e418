(function () {
    /* What every map page does for its readers (geomap/site/map_page.py, PageScript). */
    var map = {{ this._parent.get_name() }};
    var container = map.getContainer();
    var PHONE = {{ this.phone_px }};
    var embedded = window.self !== window.top;

    /* Keyboard: territory, routes, their arrowheads and place dots are not Tab stops (their markers and the
       panels say the same); markers and controls stay in the Tab order. */
    function untab(layer) {
        var element = layer._path;
        if (element) {
            element.setAttribute("tabindex", "-1");
            element.setAttribute("focusable", "false");
        }
        if (layer._icon && layer.options.interactive === false) {   /* arrowheads, route labels */
            layer._icon.setAttribute("tabindex", "-1");
            layer._icon.setAttribute("aria-hidden", "true");
            layer._icon.removeAttribute("role");
            return;
        }
        var named = layer._icon && layer._icon.querySelector("[aria-label]");
        var name = layer.options && (layer.options.gmName || (named && named.getAttribute("aria-label")));
        if (layer._icon && name) {
            layer._icon.setAttribute("aria-label", name);
        }
    }
    map.on("layeradd", function (event) { untab(event.layer); });
    map.eachLayer(untab);

    /* Escape closes an open popup wherever the focus is in the map. */
    container.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && map._popup && map.hasLayer(map._popup)) {
            var source = map._popup._source;
            map.closePopup();
            if (source && source._icon) { source._icon.focus(); }
        }
    });

    /* Phones: panels start folded; an open popup folds them again so none covers it. */
    function panels() { return document.querySelectorAll(".gm-control details"); }
    if (window.innerWidth < PHONE) {
        panels().forEach(function (details) { details.open = false; });
    }
    /* A popup taller than the map (a phone, many sources) scrolls inside it, reachable by the
       keyboard too, instead of running off the map's bottom. */
    function fitPopup(popup) {
        var room = Math.max(120, container.clientHeight - 80);   /* the tip, close button and margins */
        if (popup.options.maxHeight !== room) {
            popup.options.maxHeight = room;
            popup.update();
        }
        var content = popup.getElement() && popup.getElement().querySelector(".leaflet-popup-content");
        if (content && content.classList.contains("leaflet-popup-scrolled")) {
            content.setAttribute("tabindex", "0");
        }
    }
    map.on("popupopen", function (event) {
        fitPopup(event.popup);
        container.classList.add("gm-popup-open");    /* site.css: on phones, panels go under it */
        if (window.innerWidth < PHONE) {
            panels().forEach(function (details) { details.open = false; });
        }
    });
    map.on("popupclose", function () { container.classList.remove("gm-popup-open"); });

    /* Embeds: the wheel scrolls the story until the reader clicks or focuses the map. */
    if (embedded) {
        map.scrollWheelZoom.disable();
        var wake = function () { map.scrollWheelZoom.enable(); };
        map.on("click focus", wake);
        container.addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });
    }

    /* Embeds: tell the host page the height this page wants (its header and footer plus a
       map about as tall as it is wide, within limits); the host's one-line script listens. */
    function postHeight() {
        if (!embedded || !window.parent.postMessage) { return; }
        var header = document.querySelector(".gm-header");
        var footer = document.querySelector(".gm-footer");
        var width = document.documentElement.clientWidth;
        var mapHeight = Math.round(Math.max(320, Math.min(640, width * 0.9)));
        var height = mapHeight + (header ? header.offsetHeight : 0) + (footer ? footer.offsetHeight : 0);
        window.parent.postMessage({type: "geomap:height", height: height}, "*");
    }
    window.addEventListener("resize", postHeight);
    document.querySelectorAll(".gm-footer details").forEach(function (details) {
        details.addEventListener("toggle", postHeight);
    });
    postHeight();
})();
