export const id = 395;
export const ids = [395];
export const modules = {

/***/ 8395:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reporter: () => (/* binding */ reporter)
/* harmony export */ });
const reporter = (todos, config = { spacing: 2 }) => JSON.stringify(todos, null, config.spacing);


/***/ })

};
