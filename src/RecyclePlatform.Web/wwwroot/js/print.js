// A Print button where the browser can print (it stays hidden without JavaScript: the browser's own
// menu prints the page too, and the page offers writing the codes on the bags instead).
(function () {
    'use strict';
    if (typeof window.print !== 'function') {
        return;
    }
    document.querySelectorAll('[data-print]').forEach(function (button) {
        button.hidden = false;
        button.addEventListener('click', function () { window.print(); });
    });
})();
