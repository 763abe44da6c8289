// Destructive actions sit in <details class="confirm">: without JavaScript, opening it shows the
// question and the real button below it. With JavaScript the same question opens as a modal dialog,
// with a "Go back" button beside the real one; Escape closes it too.
(function () {
    'use strict';
    if (typeof HTMLDialogElement !== 'function') {
        return;
    }
    document.querySelectorAll('details.confirm').forEach(function (details) {
        var summary = details.querySelector('summary');
        var body = details.querySelector('.confirm-body');
        if (!summary || !body) {
            return;
        }
        var dialog = document.createElement('dialog');
        dialog.className = 'confirm-dialog';
        dialog.setAttribute('aria-label', summary.getAttribute('aria-label') || summary.textContent.trim());
        dialog.appendChild(body);
        var back = document.createElement('button');
        back.type = 'button';
        back.className = 'button button-secondary';
        back.textContent = details.dataset.back || 'Back';
        back.addEventListener('click', function () { dialog.close(); });
        (body.querySelector('.actions') || body).appendChild(back);
        details.after(dialog);
        summary.addEventListener('click', function (event) {
            event.preventDefault();
            dialog.showModal();
        });
    });
})();
