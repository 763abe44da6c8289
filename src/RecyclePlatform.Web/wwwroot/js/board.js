// The dispatcher's board: keeps the counts, each stop's status and a run's progress current by
// polling the board's JSON (every 5 s; every second while a run searches). When a run finishes the
// page reloads once to show the new routes.
(function () {
    'use strict';
    var root = document.getElementById('board');
    if (!root || !window.fetch) { return; }
    function namesOf(id) {
        var found = {};
        document.querySelectorAll('#' + id + ' dt').forEach(function (dt) {
            found[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim();
        });
        return found;
    }
    var names = namesOf('status-names');
    var runNames = namesOf('run-status-names');
    var runActive = root.getAttribute('data-run-active') === 'true';
    // The fingerprint of the routes the page was rendered with (which stops, what load). When another
    // dispatcher (or a run) changes them, the routes' totals here are stale: say so, with a refresh link.
    var shape = root.getAttribute('data-board-shape');

    function update(board) {
        Object.keys(board.counts).forEach(function (key) {
            var cell = root.querySelector('[data-count="' + key + '"]');
            if (cell) { cell.textContent = board.counts[key]; }
        });
        var stops = board.unassigned.slice();
        board.routes.forEach(function (route) { stops = stops.concat(route.stops); });
        stops.forEach(function (stop) {
            root.querySelectorAll('[data-stop="' + stop.reference + '"] [data-status]').forEach(function (badge) {
                badge.textContent = names[stop.status] || stop.status;
                badge.className = 'status status-' + stop.status.toLowerCase();
            });
        });
        var run = board.latestRun;
        var progress = document.getElementById('run-progress');
        if (run && progress) {
            progress.value = run.percent;
            progress.textContent = run.percent + ' %';
        }
        // The words beside the bar follow the run too ("Searching", not "Waiting to start" at 78 %).
        var runText = document.querySelector('[data-run-text]');
        if (run && runText && runNames[run.status]) {
            runText.textContent = runNames[run.status];
        }
        if (shape && board.shape !== shape) {
            var changed = document.getElementById('board-changed');
            if (changed) { changed.hidden = false; }
        }
        var nowActive = !!run && (run.status === 'Queued' || run.status === 'Running');
        if (runActive && !nowActive) {
            window.location.reload();
            return;
        }
        runActive = nowActive;
    }

    function poll() {
        fetch(root.getAttribute('data-board-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (board) { if (board) { update(board); } })
            .catch(function () { /* offline for a moment: try again on the next tick */ })
            .then(function () { window.setTimeout(poll, runActive ? 1000 : 5000); });
    }
    window.setTimeout(poll, runActive ? 1000 : 5000);
})();
