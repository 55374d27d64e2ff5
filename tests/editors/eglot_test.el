;;; eglot_test.el --- Emacs eglot, headless, with the real server.  -*- lexical-binding: t -*-
;; Attaches to a copy of seeds/peace-talks.txt with the editors/README.md snippet, waits for the
;; findings in Flymake, hovers a person, and disables a code through the server's command.
;; Run: COPYDESK_BIN=... COPYDESK_ROOT=... emacs --batch --no-init-file -l eglot_test.el
(require 'eglot)
(require 'flymake)
;; The reporter answers "y" when eglot asks to edit copydesk.toml.
(setq eglot-confirm-server-initiated-edits nil)
(fset 'y-or-n-p (lambda (&rest _) t))

(defvar copydesk-root (getenv "COPYDESK_ROOT"))
(defvar copydesk-bin (getenv "COPYDESK_BIN"))
(defvar copydesk-passed 0)
(defvar copydesk-failed 0)

(defun copydesk-check (name ok &optional detail)
  (if ok
      (progn (setq copydesk-passed (1+ copydesk-passed))
             (princ (format "ok - %s\n" name)))
    (setq copydesk-failed (1+ copydesk-failed))
    (princ (format "not ok - %s%s\n" name (if detail (format ": %S" detail) "")))))

(defun copydesk-wait (pred &optional secs)
  "Wait up to SECS seconds (default 20) for PRED to return non-nil."
  (let ((deadline (+ (float-time) (or secs 20))) (v nil))
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.25))
    v))

;; The snippet from editors/README.md, with the binary under test.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `((markdown-mode text-mode) . (,copydesk-bin "lsp"
                                              :initializationOptions (:debounceMs 0)))))

(let* ((dir (make-temp-file "copydesk-eglot-" t))
       (story (expand-file-name "peace-talks.txt" dir)))
  (unwind-protect
      (progn
        (copy-file (expand-file-name "seeds/peace-talks.txt" copydesk-root) story)
        (find-file story)
        (copydesk-check "the story opens in text-mode" (derived-mode-p 'text-mode) major-mode)
        (apply #'eglot (eglot--guess-contact))
        (copydesk-check "eglot attaches" (copydesk-wait (lambda () (eglot-current-server))))
        (flymake-start)
        (let ((diags (copydesk-wait
                      (lambda ()
                        (flymake-start)
                        (flymake-diagnostics)))))
          (copydesk-check "findings arrive in Flymake" diags)
          (let ((texts (mapcar (lambda (d)
                                 (buffer-substring-no-properties (flymake-diagnostic-beg d)
                                                                 (flymake-diagnostic-end d)))
                               diags)))
            (copydesk-check "the loaded verb is flagged exactly" (member "conceded" texts) texts)
            (copydesk-check "the scare quote is flagged exactly" (member "'off-ramp'" texts) texts)))
        ;; Hover on "Peskov".
        (goto-char (point-min))
        (search-forward "Peskov stated")
        (goto-char (match-beginning 0))
        (let* ((server (eglot-current-server))
               (hover (jsonrpc-request server :textDocument/hover
                                       (eglot--TextDocumentPositionParams)))
               (value (plist-get (plist-get hover :contents) :value)))
          (copydesk-check "hover names Dmitry Peskov" (and value (string-match-p "Dmitry Peskov" value)) value))
        ;; Disable scare-quote through the server's command: eglot applies the edit to a
        ;; copydesk.toml buffer, the reporter saves it, and the finding goes.
        (let ((server (eglot-current-server)))
          (jsonrpc-request server :workspace/executeCommand
                           `(:command "copydesk.disableCode"
                             :arguments ["scare-quote" ,(eglot--path-to-uri story)]))
          (let ((toml (find-buffer-visiting (expand-file-name "copydesk.toml" dir))))
            (copydesk-check "the edit lands in a copydesk.toml buffer"
                            (and toml (with-current-buffer toml
                                        (string-match-p "disable = \\[\"scare-quote\"\\]"
                                                        (buffer-string)))))
            (when toml (with-current-buffer toml (save-buffer))))
          (copydesk-check "disabling a code removes its findings"
                          (copydesk-wait
                           (lambda ()
                             (flymake-start)
                             (not (cl-some (lambda (d)
                                             (string-match-p "scare-quote\\|Scare quotes"
                                                             (flymake-diagnostic-text d)))
                                           (flymake-diagnostics)))))))
        (eglot-shutdown (eglot-current-server)))
    (delete-directory dir t)))

(princ (format "eglot: %d passed, %d failed\n" copydesk-passed copydesk-failed))
(kill-emacs (if (= copydesk-failed 0) 0 1))
