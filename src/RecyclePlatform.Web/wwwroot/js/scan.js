// Camera scanning of bag labels where the browser can (BarcodeDetector); typing stays the fallback.
// Loaded as a file (no inline script), and does nothing where the API or a camera is missing.
(function () {
    "use strict";
    var button = document.querySelector("[data-scan]");
    var video = document.querySelector(".scan-video");
    if (!button || !video || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
        return;
    }
    var inputs = Array.prototype.slice.call(document.querySelectorAll("[data-label]"));
    button.hidden = false;
    button.addEventListener("click", function () {
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
            video.srcObject = stream;
            video.hidden = false;
            video.play();
            var seen = {};
            var tick = function () {
                detector.detect(video).then(function (codes) {
                    codes.forEach(function (code) {
                        var value = (code.rawValue || "").trim().toUpperCase();
                        if (!value || seen[value]) { return; }
                        var empty = inputs.filter(function (i) { return !i.value; })[0];
                        if (empty) { empty.value = value; seen[value] = true; }
                    });
                    if (inputs.some(function (i) { return !i.value; })) {
                        window.setTimeout(tick, 300);
                    } else {
                        stream.getTracks().forEach(function (t) { t.stop(); });
                        video.hidden = true;
                    }
                }).catch(function () { window.setTimeout(tick, 500); });
            };
            tick();
        }).catch(function () { button.hidden = true; });
    });
})();
