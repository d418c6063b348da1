export const id = 338;
export const ids = [338];
export const modules = {

/***/ 2338:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reporter: () => (/* binding */ reporter)
/* harmony export */ });
/* harmony import */ var crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6982);

const reporter = (todos, config = { spacing: 2 }) => JSON.stringify(todos.map((todo) => {
    return {
        description: `${todo.tag} ${todo.text}`,
        check_name: 'leasot',
        fingerprint: crypto__WEBPACK_IMPORTED_MODULE_0__.createHash('md5')
            .update(`${todo.tag}${todo.text}${todo.file}${todo.line}`)
            .digest('hex'),
        severity: 'info',
        location: {
            path: todo.file,
            lines: {
                begin: todo.line,
            },
        },
    };
}), null, config.spacing);


/***/ })

};
