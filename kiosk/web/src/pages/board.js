// The display board, /c/{centre}/board (board/board_app.js).
import '../styles/base.css';
import '../styles/board.css';
import { mount } from '../common/ui.js';
import { BoardApp } from '../board/board_app.js';

mount(BoardApp);
