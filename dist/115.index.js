export const id = 115;
export const ids = [115];
export const modules = {

/***/ 1115:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reporter: () => (/* binding */ reporter)
/* harmony export */ });
const reporter = (todos) => todos;


/***/ })

};
